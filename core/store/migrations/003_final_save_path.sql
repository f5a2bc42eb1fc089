-- Third release: a torrent downloading in the "incomplete" folder remembers where it moves when it
-- finishes ('' = it stays where it is).
ALTER TABLE torrents ADD COLUMN final_save_path TEXT NOT NULL DEFAULT '';
