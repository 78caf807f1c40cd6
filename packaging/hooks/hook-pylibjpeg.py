"""pylibjpeg finds its decoders through entry points (importlib.metadata), not imports.

The frozen app needs the plug-in modules and their dist-info (entry_points.txt), otherwise
pydicom reports JPEG / JPEG 2000 / RLE pixel data as undecodable.
"""

from PyInstaller.utils.hooks import copy_metadata

_PLUGINS = {"libjpeg": "pylibjpeg-libjpeg", "openjpeg": "pylibjpeg-openjpeg", "rle": "pylibjpeg-rle"}

hiddenimports = list(_PLUGINS)
datas = copy_metadata("pylibjpeg")
for _dist in _PLUGINS.values():
    datas += copy_metadata(_dist)
