import FuzzSupport

FuzzDriver.run { data, size in
    FuzzSigning.run(FuzzBytes.array(data, size))
    return 0
}
