-- Shoal library, first release: torrents, their resume data, settings.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('max_torrent_id', '0');

CREATE TABLE torrents (
    id             INTEGER PRIMARY KEY,
    info_hash_v1   TEXT NOT NULL DEFAULT '',
    info_hash_v2   TEXT NOT NULL DEFAULT '',
    name           TEXT NOT NULL DEFAULT '',
    metainfo       BLOB,
    magnet_uri     TEXT NOT NULL DEFAULT '',
    save_path      TEXT NOT NULL,
    added_time     INTEGER NOT NULL,
    completed_time INTEGER NOT NULL DEFAULT 0,
    queue_position INTEGER NOT NULL DEFAULT -1,
    user_paused    INTEGER NOT NULL DEFAULT 0,
    download_limit INTEGER NOT NULL DEFAULT 0,
    upload_limit   INTEGER NOT NULL DEFAULT 0,
    ratio_goal     REAL,
    seed_time_goal INTEGER,
    category       TEXT NOT NULL DEFAULT '',
    tags           TEXT NOT NULL DEFAULT ''  -- comma-separated in this version
);

-- Resume data apart from the metainfo: it is rewritten every few seconds, the metainfo never.
CREATE TABLE resume_data (
    torrent_id INTEGER PRIMARY KEY REFERENCES torrents (id) ON DELETE CASCADE,
    data       BLOB NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
