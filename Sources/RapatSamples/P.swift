import RapatStore
