print("micic")
