print("segtui")
