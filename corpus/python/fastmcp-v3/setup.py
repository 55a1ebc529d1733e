from setuptools import find_packages, setup

setup(
    name="weather-mcp",
    version="3.2.0",
    packages=find_packages(),
    install_requires=[
        "fastmcp>=3.0.0",
        "httpx>=0.27",
        "langchain-core>=0.3",
    ],
)
