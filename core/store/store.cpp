// Store: opens the library (schema checks, migrations, WAL), reads on its own connection, and hands
// every write to the StoreWriter thread.
#include "store/store.h"

#include <filesystem>
#include <map>
#include <mutex>

#include "store/schema.h"
#include "store/sqlite_db.h"
#include "store/store_writer.h"

namespace shoal::store {

struct Store::Impl {
    std::mutex readMutex;
    std::optional<Database> reader;
    std::unique_ptr<StoreWriter> writer;
};

Result<std::unique_ptr<Store>> Store::open(const std::filesystem::path& dbFile) {
    std::error_code ec;
    if (dbFile.has_parent_path()) std::filesystem::create_directories(dbFile.parent_path(), ec);
    if (ec) return makeError(ErrorCode::Io, "cannot create " + dbFile.parent_path().string() + ": " + ec.message());
    auto writeDb = Database::open(dbFile.string(), false);
    if (!writeDb) return writeDb.error();
    if (auto ready = prepareSchema(writeDb.value(), dbFile.string()); !ready) return ready.error();
    auto readDb = Database::open(dbFile.string(), true);
    if (!readDb) return readDb.error();

    auto impl = std::make_unique<Impl>();
    impl->reader.emplace(std::move(readDb.value()));
    impl->writer = std::make_unique<StoreWriter>(std::move(writeDb.value()));
    return std::unique_ptr<Store>(new Store(std::move(impl)));
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Store::~Store() = default;  // the writer commits what is queued, then the connections close

std::vector<StoredTorrent> Store::loadTorrents() {
    std::lock_guard lock(impl_->readMutex);
    sqlite3* db = impl_->reader->handle();
    std::map<TorrentId, std::vector<std::string>> tags;
    Statement tagQuery(db, "SELECT tt.torrent_id, t.name FROM torrent_tags tt JOIN tags t ON t.id = tt.tag_id"
                           " ORDER BY tt.torrent_id, tt.position");
    while (tagQuery.step()) tags[tagQuery.integer(0)].push_back(tagQuery.text(1));

    std::vector<StoredTorrent> out;
    Statement query(db,
                    "SELECT t.id, t.info_hash_v1, t.info_hash_v2, t.name, t.metainfo, t.magnet_uri, t.save_path,"
                    " t.added_time, t.completed_time, t.queue_position, t.user_paused, t.download_limit,"
                    " t.upload_limit, t.ratio_goal, t.seed_time_goal, t.category, t.all_time_downloaded,"
                    " t.all_time_uploaded, r.data, t.final_save_path"
                    " FROM torrents t LEFT JOIN resume_data r ON r.torrent_id = t.id"
                    " ORDER BY t.queue_position < 0, t.queue_position, t.id");
    while (query.step()) {
        StoredTorrent s;
        TorrentRow& r = s.row;
        r.id = query.integer(0);
        r.infoHashV1 = query.text(1);
        r.infoHashV2 = query.text(2);
        r.name = query.text(3);
        r.metainfo = query.blob(4);
        r.magnetUri = query.text(5);
        r.savePath = query.text(6);
        r.addedTime = query.integer(7);
        r.completedTime = query.integer(8);
        r.queuePosition = static_cast<int>(query.integer(9));
        r.userPaused = query.integer(10) != 0;
        r.downloadLimit = static_cast<int>(query.integer(11));
        r.uploadLimit = static_cast<int>(query.integer(12));
        if (!query.isNull(13)) r.ratioGoal = query.real(13);
        if (!query.isNull(14)) r.seedTimeGoalSeconds = query.integer(14);
        r.category = query.text(15);
        r.allTimeDownloaded = query.integer(16);
        r.allTimeUploaded = query.integer(17);
        if (auto it = tags.find(r.id); it != tags.end()) r.tags = it->second;
        s.resumeData = query.blob(18);
        r.finalSavePath = query.text(19);
        out.push_back(std::move(s));
    }
    return out;
}

std::optional<std::string> Store::loadSetting(const std::string& key) {
    std::lock_guard lock(impl_->readMutex);
    Statement query(impl_->reader->handle(), "SELECT value FROM settings WHERE key = ?1");
    query.bind(1, key);
    if (!query.step()) return std::nullopt;
    return query.text(0);
}

std::vector<TrafficDay> Store::loadTrafficHistory(TorrentId id, int days) {
    std::lock_guard lock(impl_->readMutex);
    std::vector<TrafficDay> out;
    Statement query(impl_->reader->handle(),
                    "SELECT day, downloaded, uploaded FROM (SELECT day, downloaded, uploaded FROM traffic_daily"
                    " WHERE torrent_id = ?1 ORDER BY day DESC LIMIT ?2) ORDER BY day");
    query.bind(1, id == kNoTorrent ? std::int64_t{0} : id).bind(2, std::int64_t{days});
    while (query.step()) out.push_back(TrafficDay{query.text(0), query.integer(1), query.integer(2)});
    return out;
}

Statistics Store::loadStatistics() {
    std::lock_guard lock(impl_->readMutex);
    Statistics stats;
    Statement query(impl_->reader->handle(), "SELECT key, value FROM statistics");
    while (query.step()) {
        const std::string key = query.text(0);
        if (key == "all_time_downloaded") stats.allTimeDownloaded = query.integer(1);
        else if (key == "all_time_uploaded") stats.allTimeUploaded = query.integer(1);
        else if (key == "sessions_started") stats.sessionsStarted = query.integer(1);
    }
    return stats;
}

TorrentId Store::maxTorrentId() {
    std::lock_guard lock(impl_->readMutex);
    Statement query(impl_->reader->handle(),
                    "SELECT max(COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'max_torrent_id'), 0),"
                    " COALESCE((SELECT max(id) FROM torrents), 0))");
    return query.step() ? query.integer(0) : 0;
}

int Store::schemaVersion() {
    std::lock_guard lock(impl_->readMutex);
    return static_cast<int>(impl_->reader->pragmaInt("user_version"));
}

void Store::putTorrent(const TorrentRow& row) { impl_->writer->enqueue(PutTorrentOp{row, {}}); }
void Store::putResumeData(TorrentId id, std::vector<char> data, std::function<void()> onCommitted) {
    PutResumeOp op{id, std::move(data), {}};
    if (onCommitted) op.onCommitted.push_back(std::move(onCommitted));
    impl_->writer->enqueue(std::move(op));
}
void Store::removeTorrent(TorrentId id) { impl_->writer->enqueue(RemoveOp{id}); }
void Store::putSetting(const std::string& key, const std::string& value) {
    impl_->writer->enqueue(PutSettingOp{key, value});
}
Result<void> Store::commitTorrent(const TorrentRow& row, std::vector<char> resumeData) {
    return impl_->writer->commit(PutTorrentOp{row, std::move(resumeData)}, std::chrono::seconds(30));
}
Result<void> Store::commitSetting(const std::string& key, const std::string& value) {
    return impl_->writer->commit(PutSettingOp{key, value}, std::chrono::seconds(30));
}
void Store::putStatistics(const Statistics& statistics) { impl_->writer->enqueue(PutStatisticsOp{statistics}); }
void Store::putMetainfo(TorrentId id, std::vector<char> metainfo) {
    impl_->writer->enqueue(PutMetainfoOp{id, std::move(metainfo)});
}
void Store::putTraffic(TrafficUpdate update) { impl_->writer->enqueue(PutTrafficOp{std::move(update)}); }
bool Store::flush() { return impl_->writer->flush(std::chrono::seconds(30)); }
std::string Store::lastWriteError() { return impl_->writer->lastError(); }
WriterStats Store::writerStats() { return impl_->writer->stats(); }

}  // namespace shoal::store
