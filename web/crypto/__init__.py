"""Cryptography for data at rest and the audit chain (密码应用): the 国密 algorithms (SM3, SM4) where this
machine's OpenSSL has them, SHA-256 and AES-256-GCM otherwise, all through ``cryptography``."""
