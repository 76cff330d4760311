"""Loads a sibling script of this folder as a module: their names have dashes, which `import` cannot spell."""
import importlib.util
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def load(file):
    """The module of `file` (e.g. 'everyday-servers.py'), named with underscores ('everyday_servers')."""
    spec = importlib.util.spec_from_file_location(os.path.splitext(file)[0].replace('-', '_'), os.path.join(HERE, file))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
