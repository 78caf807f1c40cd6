import struct

import pytest

from app.core.llm.errors import ModelError
from app.core.llm.gguf_file import read_gguf


def test_reads_the_tiny_model_metadata(tiny_model):
    info = read_gguf(tiny_model)
    assert info.architecture == "qwen2"
    assert info.block_count == 2
    assert info.quantization == "F32"
    assert info.chat_template and "<|im_start|>" in info.chat_template
    assert info.metadata["tokenizer.ggml.tokens"]["array_length"] == 256 + 8 + 3


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"GGUF" + b"\x00" * 20, "too small"),
        (b"PK\x03\x04" + b"\x00" * 4000, "not a GGUF model"),
        (b"GGUF" + struct.pack("<I", 9) + b"\x00" * 4000, "version 9"),
        (b"GGUF" + struct.pack("<IQQ", 3, 1, 2**40) + b"\x00" * 4000, "impossible counts"),
    ],
)
def test_bad_files_raise_model_error_naming_the_file(tmp_path, content, message):
    path = tmp_path / "bad-model.gguf"
    path.write_bytes(content)
    with pytest.raises(ModelError, match=message) as info:
        read_gguf(path)
    assert "bad-model.gguf" in str(info.value)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ModelError, match="does not exist"):
        read_gguf(tmp_path / "nope.gguf")
    with pytest.raises(ModelError, match="folder"):
        read_gguf(tmp_path)


def test_truncated_file_is_caught_before_llama_cpp(tmp_path, tiny_model):
    data = tiny_model.read_bytes()
    for cut in (len(data) // 2, 5000, 1100):
        path = tmp_path / f"cut-{cut}.gguf"
        path.write_bytes(data[:cut])
        with pytest.raises(ModelError, match="truncated"):
            read_gguf(path)


def test_a_vocabulary_of_qwens_size_is_stepped_over_and_what_follows_is_read(tmp_path, qwen_vocab_model):
    """The 152,064 token strings are skipped in blocks; the keys after them match the gguf
    package's own reader, and a file cut anywhere inside them is refused as truncated."""
    from gguf import GGUFReader

    info = read_gguf(qwen_vocab_model)
    theirs = GGUFReader(qwen_vocab_model)
    assert info.metadata["tokenizer.ggml.tokens"] == {"array_length": 152064}
    for key in ("tokenizer.ggml.eos_token_id", "tokenizer.ggml.bos_token_id", "qwen2.embedding_length"):
        field = theirs.fields[key]
        assert info.metadata[key] == int(field.parts[field.data[0]][0])
    template = theirs.fields["tokenizer.chat_template"]
    assert info.chat_template == bytes(template.parts[template.data[0]]).decode("utf-8")
    tokens = theirs.fields["tokenizer.ggml.tokens"]
    start, end = int(tokens.offset), int(tokens.offset) + sum(int(p.nbytes) for p in tokens.parts)
    data = qwen_vocab_model.read_bytes()
    for cut in (start + 100_000, (start + end) // 2, end - 3, end - 1):
        path = tmp_path / f"cut-{cut}.gguf"
        path.write_bytes(data[:cut])
        with pytest.raises(ModelError, match="truncated"):
            read_gguf(path)
