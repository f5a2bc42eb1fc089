-- Fourth release: daily traffic history. One row per UTC day and torrent (torrent_id 0 = every torrent
-- together, removed ones included); rows of a removed torrent stay, as its traffic did happen.
CREATE TABLE traffic_daily (
    day        TEXT    NOT NULL,  -- 'YYYY-MM-DD', UTC
    torrent_id INTEGER NOT NULL,
    downloaded INTEGER NOT NULL DEFAULT 0,  -- payload bytes
    uploaded   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, torrent_id)
) WITHOUT ROWID;
