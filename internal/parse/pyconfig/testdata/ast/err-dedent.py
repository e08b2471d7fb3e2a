class Settings:
        a: int = 1
    b: int = 2
