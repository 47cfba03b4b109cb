"""CLI commands beyond `extract`, one module each, plugged in through
`dronewatch.cli.COMMAND_MODULES` (each module has `register(app)`)."""
