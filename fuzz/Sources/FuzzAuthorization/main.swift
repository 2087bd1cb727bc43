import FuzzSupport

FuzzDriver.run { data, size in
    FuzzAuthorization.run(FuzzBytes.array(data, size))
    return 0
}
