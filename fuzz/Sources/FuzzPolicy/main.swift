import FuzzSupport

FuzzDriver.run { data, size in
    FuzzPolicy.run(FuzzBytes.array(data, size))
    return 0
}
