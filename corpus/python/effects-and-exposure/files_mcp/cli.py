import logging

import click


@click.command()
@click.option("--log-level", default="info", envvar=["FILES_LOG_LEVEL", "LOG_LEVEL"])
@click.option("--workers", default=1, envvar="FILES_WORKERS")
@click.option("--verbose", is_flag=True)
def main(log_level: str, workers: int, verbose: bool) -> None:
    logging.basicConfig(level=log_level.upper())
