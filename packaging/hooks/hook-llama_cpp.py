"""llama-cpp-python loads llama_cpp/lib/* with ctypes, which PyInstaller cannot see.

Without them the frozen app fails with "Shared library with base name 'llama' not found".
The lib folder is kept as it is (RUNPATH $ORIGIN links the ggml libraries to each other).
"""

from PyInstaller.utils.hooks import collect_data_files, collect_dynamic_libs, copy_metadata

binaries = collect_dynamic_libs("llama_cpp")
# The Jinja chat-format helpers read no data files; the metadata gives the version to `doctor`.
datas = copy_metadata("llama-cpp-python") + collect_data_files("llama_cpp", includes=["py.typed"])
# The OpenAI-compatible server pulls in fastapi/uvicorn and opens a port: never shipped.
excludedimports = ["llama_cpp.server"]
