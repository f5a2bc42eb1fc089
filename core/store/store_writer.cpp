// The writer thread: drains the queue into one transaction per batch, retries a failed batch (disk full,
// read-only) with the next one, and tells flush() what is committed.
#include "store/store_writer.h"

#include <spdlog/spdlog.h>

#include <chrono>

namespace shoal::store {

namespace {

std::int64_t unixNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}


}  // namespace

StoreWriter::StoreWriter(Database db) : db_(std::move(db)) { thread_ = std::thread([this] { run(); }); }

StoreWriter::~StoreWriter() {
    flush(std::chrono::seconds(30));
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void StoreWriter::enqueue(WriteOp op) {
    {
        std::lock_guard lock(mutex_);
        ++enqueued_;
        if (auto* resume = std::get_if<PutResumeOp>(&op)) {
            auto it = queuedResume_.find(resume->id);
            if (it != queuedResume_.end()) {
                auto& queued = std::get<PutResumeOp>(queue_[it->second]);
                queued.data = std::move(resume->data);
                for (auto& callback : resume->onCommitted) queued.onCommitted.push_back(std::move(callback));
                ++stats_.resumeWritesCoalesced;
                wake_.notify_one();
                return;
            }
            queuedResume_[resume->id] = queue_.size();
        } else if (auto* remove = std::get_if<RemoveOp>(&op)) {
            queuedResume_.erase(remove->id);  // a later resume write must not follow into the queued one
        }
        queue_.push_back(std::move(op));
    }
    wake_.notify_one();
}

bool StoreWriter::flush(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    const std::uint64_t target = enqueued_;
    wake_.notify_one();
    return committed_.wait_for(lock, timeout, [&] { return committedGen_ >= target; });
}

std::string StoreWriter::lastError() {
    std::lock_guard lock(mutex_);
    return lastError_;
}

WriterStats StoreWriter::stats() {
    std::lock_guard lock(mutex_);
    return stats_;
}

void StoreWriter::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) {
            if (stopping_) return;
            continue;
        }
        std::vector<WriteOp> batch;
        batch.swap(queue_);
        queuedResume_.clear();
        const std::uint64_t generation = enqueued_;
        lock.unlock();
        const bool ok = apply(batch);
        const std::string error = ok ? std::string() : db_.lastError();
        lock.lock();
        if (ok) {
            committedGen_ = generation;
            lastError_.clear();
            ++stats_.batchesCommitted;
            stats_.opsCommitted += batch.size();
            committed_.notify_all();
            lock.unlock();
            for (auto& op : batch) {
                if (auto* resume = std::get_if<PutResumeOp>(&op))
                    for (auto& callback : resume->onCommitted) callback();
            }
            lock.lock();
            continue;
        }
        // Keep the failed batch ahead of what came since, and try again a little later.
        lastError_ = error;
        spdlog::error("library write failed, will retry: {}", error);
        std::vector<WriteOp> merged = std::move(batch);
        for (auto& op : queue_) merged.push_back(std::move(op));
        queue_ = std::move(merged);
        queuedResume_.clear();
        for (std::size_t i = 0; i < queue_.size(); ++i) {
            if (auto* r = std::get_if<PutResumeOp>(&queue_[i])) queuedResume_[r->id] = i;
        }
        if (stopping_) return;  // the destructor's flush already gave up waiting
        wake_.wait_for(lock, std::chrono::seconds(1), [&] { return stopping_; });
    }
}

bool StoreWriter::apply(const std::vector<WriteOp>& batch) {
    if (!db_.exec("BEGIN IMMEDIATE")) return false;
    for (const auto& op : batch) {
        if (!applyOne(op)) {
            const std::string error = db_.lastError();
            db_.exec("ROLLBACK");
            spdlog::debug("batch rolled back: {}", error);
            return false;
        }
    }
    if (db_.exec("COMMIT")) return true;
    db_.exec("ROLLBACK");
    return false;
}

bool StoreWriter::applyOne(const WriteOp& op) {
    sqlite3* db = db_.handle();
    if (const auto* put = std::get_if<PutTorrentOp>(&op)) {
        const TorrentRow& r = put->row;
        Statement upsert(db,
                         "INSERT INTO torrents (id, info_hash_v1, info_hash_v2, name, metainfo, magnet_uri, save_path,"
                         " added_time, completed_time, queue_position, user_paused, download_limit, upload_limit,"
                         " ratio_goal, seed_time_goal, category, all_time_downloaded, all_time_uploaded, final_save_path)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)"
                         " ON CONFLICT (id) DO UPDATE SET info_hash_v1 = ?2, info_hash_v2 = ?3, name = ?4,"
                         " metainfo = ?5, magnet_uri = ?6, save_path = ?7, added_time = ?8, completed_time = ?9,"
                         " queue_position = ?10, user_paused = ?11, download_limit = ?12, upload_limit = ?13,"
                         " ratio_goal = ?14, seed_time_goal = ?15, category = ?16, all_time_downloaded = ?17,"
                         " all_time_uploaded = ?18, final_save_path = ?19");
        upsert.bind(1, r.id).bind(2, r.infoHashV1).bind(3, r.infoHashV2).bind(4, r.name).bind(5, r.metainfo);
        upsert.bind(6, r.magnetUri).bind(7, r.savePath).bind(8, r.addedTime).bind(9, r.completedTime);
        upsert.bind(10, std::int64_t{r.queuePosition}).bind(11, std::int64_t{r.userPaused});
        upsert.bind(12, std::int64_t{r.downloadLimit}).bind(13, std::int64_t{r.uploadLimit});
        upsert.bind(14, r.ratioGoal).bind(15, r.seedTimeGoalSeconds).bind(16, r.category);
        upsert.bind(17, r.allTimeDownloaded).bind(18, r.allTimeUploaded).bind(19, r.finalSavePath);
        if (!upsert.execute()) return false;
        Statement clear(db, "DELETE FROM torrent_tags WHERE torrent_id = ?1");
        if (!clear.bind(1, r.id).execute()) return false;
        Statement tag(db, "INSERT OR IGNORE INTO tags (name) VALUES (?1)");
        Statement link(db, "INSERT OR IGNORE INTO torrent_tags (torrent_id, tag_id, position)"
                           " SELECT ?1, id, ?3 FROM tags WHERE name = ?2");
        for (std::size_t i = 0; i < r.tags.size(); ++i) {
            if (!tag.bind(1, r.tags[i]).execute()) return false;
            if (!link.bind(1, r.id).bind(2, r.tags[i]).bind(3, static_cast<std::int64_t>(i)).execute()) return false;
        }
        Statement maxId(db, "UPDATE meta SET value = max(CAST(value AS INTEGER), ?1) WHERE key = 'max_torrent_id'");
        return maxId.bind(1, r.id).execute();
    }
    if (const auto* put = std::get_if<PutResumeOp>(&op)) {
        // Only for a torrent still in the library: a late save must not bring a removed torrent back.
        Statement stmt(db, "INSERT INTO resume_data (torrent_id, data, updated_at) SELECT ?1, ?2, ?3"
                           " WHERE EXISTS (SELECT 1 FROM torrents WHERE id = ?1)"
                           " ON CONFLICT (torrent_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at");
        return stmt.bind(1, put->id).bind(2, put->data).bind(3, unixNow()).execute();
    }
    if (const auto* remove = std::get_if<RemoveOp>(&op)) {
        Statement stmt(db, "DELETE FROM torrents WHERE id = ?1");
        return stmt.bind(1, remove->id).execute();
    }
    if (const auto* put = std::get_if<PutSettingOp>(&op)) {
        Statement stmt(db, "INSERT INTO settings (key, value) VALUES (?1, ?2)"
                           " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        return stmt.bind(1, put->key).bind(2, put->value).execute();
    }
    const auto& stats = std::get<PutStatisticsOp>(op).statistics;
    Statement stmt(db, "INSERT INTO statistics (key, value) VALUES (?1, ?2)"
                       " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    return stmt.bind(1, std::string("all_time_downloaded")).bind(2, stats.allTimeDownloaded).execute() &&
           stmt.bind(1, std::string("all_time_uploaded")).bind(2, stats.allTimeUploaded).execute() &&
           stmt.bind(1, std::string("sessions_started")).bind(2, stats.sessionsStarted).execute();
}

}  // namespace shoal::store
