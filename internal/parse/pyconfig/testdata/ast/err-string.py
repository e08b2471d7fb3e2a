class Settings:
    a: str = "unterminated
