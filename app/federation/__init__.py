"""The federation node and coordinator: the only part of Enclave that talks to another machine.

Flower-facing code (a face, like app/ui): the SuperLink and SuperNode processes, Enclave's
ServerApp and ClientApp, and the ``enclave federation`` commands. The statistics, privacy
accounting and encryption live in app/core/federation and have no network at all. Nothing
outside this package imports flwr (an import-linter contract), and it is an optional extra
(``enclave[federation]``) that the desktop bundle does not carry.
"""
