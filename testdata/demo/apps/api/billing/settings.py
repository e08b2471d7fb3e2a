"""Settings of the billing worker, a Python service beside the Go API.

It reads the API's environment: the same .env.example and Vault template.
"""
from pydantic import Field, PostgresDsn, SecretStr
from pydantic_settings import BaseSettings


class BillingSettings(BaseSettings):
    database_url: PostgresDsn
    stripe_api_key: SecretStr
    stripe_webhook_secret: SecretStr
    # Invoices sent per run.
    invoice_batch_size: int = 100
    smtp_password: SecretStr = SecretStr("changeme")
    log_level: str = Field("info", description="log verbosity")
