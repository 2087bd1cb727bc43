import FuzzSupport

FuzzDriver.run { data, size in
    FuzzKey.run(FuzzBytes.array(data, size))
    return 0
}
