import FuzzSupport

FuzzDriver.run { data, size in
    FuzzXML.run(FuzzBytes.array(data, size))
    return 0
}
