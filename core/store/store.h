// The SQLite library: torrents, their resume data, settings and all-time statistics in one database file.
//
// Threads: reads (load*) use their own connection and may run on any thread. Every write is queued to
// one writer thread that coalesces (only the latest resume data per torrent survives in the queue) and
// commits a batch per transaction, in WAL mode. flush() waits until everything queued so far is committed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "shoal/types.h"

namespace shoal::store {

struct TorrentRow {
    TorrentId id = kNoTorrent;
    std::string infoHashV1;          // hex, may be empty
    std::string infoHashV2;          // hex, may be empty
    std::string name;
    std::vector<char> metainfo;      // bencoded .torrent; empty while a magnet has no metadata
    std::string magnetUri;           // what it was added from, if a magnet/hash
    std::string savePath;
    std::string finalSavePath;       // where it moves when it finishes (incomplete folder); "" = stays
    std::int64_t addedTime = 0;      // unix seconds
    std::int64_t completedTime = 0;  // unix seconds, 0 if never
    int queuePosition = -1;
    bool userPaused = false;
    int downloadLimit = 0;
    int uploadLimit = 0;
    std::optional<double> ratioGoal;
    std::optional<std::int64_t> seedTimeGoalSeconds;
    std::string category;
    std::vector<std::string> tags;
    std::int64_t allTimeDownloaded = 0;
    std::int64_t allTimeUploaded = 0;

    bool operator==(const TorrentRow&) const = default;
};

struct StoredTorrent {
    TorrentRow row;
    std::vector<char> resumeData;  // libtorrent's write_resume_data_buf; empty if never saved
};

struct Statistics {
    std::int64_t allTimeDownloaded = 0;
    std::int64_t allTimeUploaded = 0;
    std::int64_t sessionsStarted = 0;
    bool operator==(const Statistics&) const = default;
};

// Traffic counted since the last update, for the all-time counters and the daily history.
struct TorrentTraffic {
    TorrentId id = kNoTorrent;
    std::int64_t allTimeDownloaded = 0;  // the torrent's counters now (torrents.all_time_*)
    std::int64_t allTimeUploaded = 0;
    std::int64_t downloaded = 0;         // added to today's history row
    std::int64_t uploaded = 0;
};
struct TrafficUpdate {
    std::string day;                     // 'YYYY-MM-DD' (UTC) the deltas are added to
    Statistics statistics;               // the session's all-time counters now
    std::vector<TorrentTraffic> torrents;
    std::int64_t downloaded = 0;         // every torrent together (torrent_id 0), removed ones included
    std::int64_t uploaded = 0;
};
struct TrafficDay {
    std::string day;
    std::int64_t downloaded = 0;
    std::int64_t uploaded = 0;
    bool operator==(const TrafficDay&) const = default;
};

// What the writer has done, for tests and diagnostics.
struct WriterStats {
    std::uint64_t batchesCommitted = 0;
    std::uint64_t opsCommitted = 0;
    std::uint64_t resumeWritesCoalesced = 0;  // resume writes replaced in the queue before reaching disk
    std::uint64_t batchesFailed = 0;          // attempts that failed (disk full, read-only); retried
    std::uint64_t writesRefused = 0;          // acknowledged writes that failed and were dropped
};

class Store {
public:
    // Opens or creates the database, applies pending migrations, enables WAL, starts the writer thread.
    // A file that is not a Shoal library (or newer than this build) is an error, never overwritten.
    static Result<std::unique_ptr<Store>> open(const std::filesystem::path& dbFile);
    ~Store();  // flushes, stops the writer, closes

    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // Reads (own connection).
    std::vector<StoredTorrent> loadTorrents();  // one query, ordered by queue position then id
    std::optional<std::string> loadSetting(const std::string& key);
    Statistics loadStatistics();
    TorrentId maxTorrentId();                   // 0 if none; ids are never reused
    // The daily history of one torrent (kNoTorrent = every torrent together), oldest first, the last
    // `days` days that have traffic.
    std::vector<TrafficDay> loadTrafficHistory(TorrentId id, int days);
    int schemaVersion();

    // Queued writes (writer thread). putTorrent inserts the row, or updates every column of it but its
    // metainfo (written once, with the insert or by putMetainfo) and its resume data.
    void putTorrent(const TorrentRow& row);
    void putMetainfo(TorrentId id, std::vector<char> metainfo);  // a magnet's metadata, once it arrives
    // onCommitted runs on the writer thread once the data (or a newer save that replaced it) is committed.
    void putResumeData(TorrentId id, std::vector<char> resumeData, std::function<void()> onCommitted = {});
    void removeTorrent(TorrentId id);  // the row and its resume data
    void putSetting(const std::string& key, const std::string& value);
    void putStatistics(const Statistics& statistics);
    // The statistics, each torrent's all-time counters and today's history, in one transaction.
    void putTraffic(TrafficUpdate update);

    // Acknowledged writes, for requests that must not answer success unless the library has them (adding
    // a torrent, changing settings): committed before they return, or an error with SQLite's reason
    // (e.g. "database or disk is full"), in which case nothing of them is written later.
    // A new torrent's row, with its first resume data if given (one transaction).
    Result<void> commitTorrent(const TorrentRow& row, std::vector<char> resumeData = {});
    Result<void> commitSetting(const std::string& key, const std::string& value);

    // Blocks until every write queued before the call is committed (at most 30 s, and no longer than one
    // failed attempt: a disk that stays full must not hang the caller; lastWriteError() then says why).
    bool flush();  // true when all of it is committed
    // The last write error (disk full, read-only), or empty. Background writes are retried until they
    // succeed; the failure is logged once, and its end too.
    std::string lastWriteError();
    WriterStats writerStats();

    struct Impl;

private:
    explicit Store(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// The current schema version: the number of the last migration.
int latestSchemaVersion();

}  // namespace shoal::store
