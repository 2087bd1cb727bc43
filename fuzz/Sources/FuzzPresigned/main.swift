import FuzzSupport

FuzzDriver.run { data, size in
    FuzzPresigned.run(FuzzBytes.array(data, size))
    return 0
}
