-- The PostgreSQL store, version 1. Every row belongs to a build generation; readers read the
-- generation `current_generation` names, which a build switches in the transaction that wrote
-- it. Vectors are `vector` of any dimension (the embedder's, kept in `dim`); a build creates
-- the HNSW index for its dimension: chunks_hnsw_<dim> ON ((embedding::vector(<dim>)))
-- WHERE dim = <dim>.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE generations (
    id text PRIMARY KEY,
    embedder text NOT NULL,
    dim integer NOT NULL,
    chunk_chars integer NOT NULL,
    paths jsonb NOT NULL,
    documents jsonb NOT NULL,
    projects integer NOT NULL,
    chunks integer NOT NULL,
    sentences integer NOT NULL,
    built_at timestamptz NOT NULL DEFAULT now(),
    build_seconds double precision NOT NULL DEFAULT 0
);

CREATE TABLE current_generation (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    generation text NOT NULL REFERENCES generations (id)
);

-- the source text itself, so any replica can show and cite a section without the files
CREATE TABLE sources (
    generation text NOT NULL REFERENCES generations (id) ON DELETE CASCADE,
    path text NOT NULL,
    digest text NOT NULL,
    text text NOT NULL,
    PRIMARY KEY (generation, path)
);

CREATE TABLE projects (
    generation text NOT NULL REFERENCES generations (id) ON DELETE CASCADE,
    position integer NOT NULL,
    id text NOT NULL,
    name text NOT NULL,
    name_folded text NOT NULL,
    kind text NOT NULL,
    source text NOT NULL,
    url text,
    owner text,
    region text,
    program text,
    contact text,
    grant_sek bigint,
    budget_sek bigint,
    start text,
    "end" text,
    owner_x text,
    region_x text,
    program_x text,
    data jsonb NOT NULL,
    PRIMARY KEY (generation, id)
);

CREATE TABLE fields (
    generation text NOT NULL REFERENCES generations (id) ON DELETE CASCADE,
    project_id text NOT NULL,
    key text NOT NULL,
    label text NOT NULL,
    value text,
    text text NOT NULL,
    start integer,
    "end" integer
);
CREATE INDEX fields_key ON fields (generation, key, value);

CREATE TABLE list_items (
    generation text NOT NULL REFERENCES generations (id) ON DELETE CASCADE,
    project_id text NOT NULL,
    list_key text NOT NULL,
    label text NOT NULL,
    position integer NOT NULL,
    item text NOT NULL,
    item_folded text NOT NULL,
    item_x text NOT NULL,
    start integer,
    "end" integer
);
CREATE INDEX list_items_key ON list_items (generation, list_key, item_folded);

CREATE TABLE sections (
    generation text NOT NULL REFERENCES generations (id) ON DELETE CASCADE,
    project_id text NOT NULL,
    key text NOT NULL,
    title text NOT NULL,
    position integer NOT NULL,
    text text NOT NULL,
    start integer,
    "end" integer
);

CREATE TABLE chunks (
    generation text NOT NULL REFERENCES generations (id) ON DELETE CASCADE,
    row integer NOT NULL,
    id text NOT NULL,
    project_id text NOT NULL,
    section_key text NOT NULL,
    section text NOT NULL,
    ordinal integer NOT NULL,
    text text NOT NULL,
    embed_text text NOT NULL,
    embed_hash text NOT NULL,
    source text NOT NULL,
    start integer,
    "end" integer,
    section_start integer,
    section_end integer,
    dim integer NOT NULL,
    embedding vector NOT NULL,
    tsv tsvector GENERATED ALWAYS AS (to_tsvector('swedish', embed_text)) STORED,
    PRIMARY KEY (generation, row)
);
CREATE INDEX chunks_tsv ON chunks USING gin (tsv);
CREATE INDEX chunks_project ON chunks (generation, project_id);
CREATE INDEX chunks_hash ON chunks (embed_hash);

CREATE TABLE sentences (
    generation text NOT NULL REFERENCES generations (id) ON DELETE CASCADE,
    row integer NOT NULL,
    hash text NOT NULL,
    dim integer NOT NULL,
    embedding vector NOT NULL,
    PRIMARY KEY (generation, hash)
);
