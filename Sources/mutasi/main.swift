print("mutasi")
