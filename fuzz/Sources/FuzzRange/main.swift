import FuzzSupport

FuzzDriver.run { data, size in
    FuzzRange.run(FuzzBytes.array(data, size))
    return 0
}
