print("ossutil: not built yet")
