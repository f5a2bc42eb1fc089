-- Second release: all-time statistics, per-torrent all-time counters, and tags normalized into their
-- own tables (the comma-separated column of version 1 is split and dropped).
CREATE TABLE statistics (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);

ALTER TABLE torrents ADD COLUMN all_time_downloaded INTEGER NOT NULL DEFAULT 0;
ALTER TABLE torrents ADD COLUMN all_time_uploaded INTEGER NOT NULL DEFAULT 0;

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE torrent_tags (
    torrent_id INTEGER NOT NULL REFERENCES torrents (id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags (id),
    position   INTEGER NOT NULL,
    PRIMARY KEY (torrent_id, tag_id)
);

CREATE TEMP TABLE split_tags AS
WITH RECURSIVE split (torrent_id, position, tag, rest) AS (
    SELECT id, -1, '', tags || ',' FROM torrents WHERE tags <> ''
    UNION ALL
    SELECT torrent_id, position + 1, substr(rest, 1, instr(rest, ',') - 1), substr(rest, instr(rest, ',') + 1)
    FROM split WHERE rest <> ''
)
SELECT torrent_id, position, tag FROM split WHERE tag <> '';

INSERT OR IGNORE INTO tags (name) SELECT tag FROM split_tags ORDER BY torrent_id, position;
INSERT OR IGNORE INTO torrent_tags (torrent_id, tag_id, position)
    SELECT s.torrent_id, t.id, s.position FROM split_tags s JOIN tags t ON t.name = s.tag;
DROP TABLE split_tags;

ALTER TABLE torrents DROP COLUMN tags;
