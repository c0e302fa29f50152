"""Running untrusted code: the Runner protocol, the real sandbox and a fake."""
