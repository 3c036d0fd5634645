"""Personal financial information: masked by default wherever it is shown."""
