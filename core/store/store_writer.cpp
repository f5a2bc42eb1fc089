// The writer thread: drains the queue into one transaction per batch, retries a failed batch (disk full,
// read-only) with the next one, and tells flush() what is committed.
#include "store/store_writer.h"

#include <pthread.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

namespace shoal::store {

namespace {

std::int64_t unixNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

StoreWriter::StoreWriter(Database db) : db_(std::move(db)) {
    thread_ = std::thread([this] {
        ::pthread_setname_np(::pthread_self(), "shoal-store");
        run();
    });
}

StoreWriter::~StoreWriter() {
    const bool flushed = flush(std::chrono::seconds(30));
    std::size_t lost = 0;
    std::string error;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        lost = queue_.size();
        error = lastError_;
    }
    wake_.notify_all();
    thread_.join();
    if (!flushed && lost > 0)
        spdlog::error("library: {} queued writes could not be made before exit: {}", lost,
                      error.empty() ? std::string("timed out") : error);
}

void StoreWriter::push(Queued item) {
    ++enqueued_;
    if (auto* resume = std::get_if<PutResumeOp>(&item.op)) {
        auto it = queuedResume_.find(resume->id);
        if (it != queuedResume_.end()) {
            auto& queued = std::get<PutResumeOp>(queue_[it->second].op);
            queued.data = std::move(resume->data);
            for (auto& callback : resume->onCommitted) queued.onCommitted.push_back(std::move(callback));
            ++stats_.resumeWritesCoalesced;
            return;
        }
        queuedResume_[resume->id] = queue_.size();
    } else if (auto* remove = std::get_if<RemoveOp>(&item.op)) {
        queuedResume_.erase(remove->id);  // a later resume write must not follow into the queued one
    }
    queue_.push_back(std::move(item));
}

void StoreWriter::enqueue(WriteOp op) {
    {
        std::lock_guard lock(mutex_);
        push(Queued{std::move(op), nullptr});
    }
    wake_.notify_one();
}

Result<void> StoreWriter::commit(WriteOp op, std::chrono::milliseconds timeout) {
    auto ack = std::make_shared<Ack>();
    std::unique_lock lock(mutex_);
    push(Queued{std::move(op), ack});
    // An idle, healthy writer: the caller commits the queue itself, which spares a request two thread
    // switches (waking the writer, being woken by it), the larger part of adding a torrent over RPC.
    // While a batch is in hand, or failed writes wait for their retry, the writer thread does it.
    if (!busy_ && failedAttempts_ == 0) applyQueued(lock);
    else wake_.notify_one();
    if (!committed_.wait_for(lock, timeout, [&] { return ack->done; })) {
        ack->abandoned = true;
        return makeError(ErrorCode::Io, "the library did not answer in time: " +
                                            (lastError_.empty() ? std::string("busy") : lastError_));
    }
    if (!ack->error.empty()) return makeError(ErrorCode::Io, "cannot write the library: " + ack->error);
    return {};
}

bool StoreWriter::flush(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    const std::uint64_t target = enqueued_;
    const std::uint64_t failedBefore = stats_.batchesFailed;  // only attempts that end after this call count
    wake_.notify_one();
    committed_.wait_for(lock, timeout, [&] {
        return committedGen_ >= target || (stats_.batchesFailed > failedBefore && attemptedGen_ >= target);
    });
    return committedGen_ >= target;
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
        wake_.wait(lock, [&] { return !busy_ && (stopping_ || !queue_.empty()); });
        if (queue_.empty()) return;  // stopping, and nothing left
        if (applyQueued(lock).empty()) continue;
        if (stopping_) return;  // the destructor's flush already saw this attempt fail
        // Try again a little later, sooner while the failure is fresh.
        const auto pause = std::chrono::milliseconds(std::min(200 * failedAttempts_, 2000));
        wake_.wait_for(lock, pause, [&] { return stopping_; });
    }
}

// Under mutex_ (held on entry and on return, released while SQLite works): the queue as one batch, on
// whichever thread calls, one at a time (busy_). Returns the batch's error, "" when it is committed.
std::string StoreWriter::applyQueued(std::unique_lock<std::mutex>& lock) {
    std::vector<Queued> batch;
    batch.reserve(queue_.size());
    for (auto& item : queue_)
        if (!item.ack || !item.ack->abandoned) batch.push_back(std::move(item));
    queue_.clear();
    queuedResume_.clear();
    const std::uint64_t generation = enqueued_;
    busy_ = true;
    lock.unlock();
    const std::string error = batch.empty() ? std::string() : apply(batch);
    if (error.empty()) {
        for (auto& item : batch) {
            if (auto* resume = std::get_if<PutResumeOp>(&item.op))
                for (auto& callback : resume->onCommitted) callback();
        }
    }
    lock.lock();
    finishBatch(batch, generation, error);
    busy_ = false;
    // What was queued meanwhile is the writer's. Waking it for nothing cost each torrent-add a futex
    // call and the writer thread a context switch (perf: 5 % of the RPC thread's time).
    if (!queue_.empty() || stopping_) wake_.notify_one();
    return error;
}

// Under mutex_: records the outcome, answers the acknowledged writes, and puts the background writes of
// a failed batch back ahead of what came since.
void StoreWriter::finishBatch(std::vector<Queued>& batch, std::uint64_t generation,
                              const std::string& error) {
    for (auto& item : batch) {
        if (!item.ack) continue;
        item.ack->done = true;
        item.ack->error = error;
        if (!error.empty()) ++stats_.writesRefused;
    }
    if (error.empty()) {
        if (failedAttempts_ > 0)
            spdlog::info("library writes succeed again after {} failed attempts", failedAttempts_);
        failedAttempts_ = 0;
        committedGen_ = generation;
        attemptedGen_ = generation;
        lastError_.clear();
        ++stats_.batchesCommitted;
        stats_.opsCommitted += batch.size();
        committed_.notify_all();
        return;
    }
    // Logged once per run of failures, with SQLite's own reason; the retries are quiet.
    if (failedAttempts_ == 0 || error != lastError_)
        spdlog::error("library write failed: {} (background writes are retried until they succeed)", error);
    ++failedAttempts_;
    ++stats_.batchesFailed;
    lastError_ = error;
    attemptedGen_ = generation;
    std::vector<Queued> merged;
    merged.reserve(batch.size() + queue_.size());
    for (auto& item : batch)
        if (!item.ack) merged.push_back(std::move(item));
    for (auto& item : queue_) merged.push_back(std::move(item));
    queue_ = std::move(merged);
    queuedResume_.clear();
    for (std::size_t i = 0; i < queue_.size(); ++i) {
        if (auto* r = std::get_if<PutResumeOp>(&queue_[i].op)) queuedResume_[r->id] = i;
    }
    committed_.notify_all();
}

std::string StoreWriter::apply(const std::vector<Queued>& batch) {
    // The error is read before any ROLLBACK: SQLite may already have rolled back (SQLITE_FULL during
    // COMMIT), and our ROLLBACK would then replace the real reason with "no transaction is active".
    auto failure = [this] {
        std::string error = db_.lastError();
        if (!sqlite3_get_autocommit(db_.handle())) db_.exec("ROLLBACK");
        return error.empty() ? std::string("unknown error") : error;
    };
    // Prepared once, like every statement here: each torrent-add commits a batch of its own.
    if (!db_.prepared("BEGIN IMMEDIATE").execute()) return failure();
    for (const auto& item : batch)
        if (!applyOne(item.op)) return failure();
    if (!db_.prepared("COMMIT").execute()) return failure();
    return {};
}

bool StoreWriter::applyOne(const WriteOp& op) {
    return std::visit([this](const auto& typed) { return apply(typed); }, op);
}

bool StoreWriter::apply(const PutTorrentOp& put) {
    const TorrentRow& r = put.row;
    Statement& upsert = db_.prepared(
        "INSERT INTO torrents (id, info_hash_v1, info_hash_v2, name, metainfo, magnet_uri, save_path,"
        " added_time, completed_time, queue_position, user_paused, download_limit, upload_limit,"
        " ratio_goal, seed_time_goal, category, all_time_downloaded, all_time_uploaded, final_save_path)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)"
        // The metainfo is written when the row is first inserted and by PutMetainfoOp:
        // a change of options does not write the torrent's whole info dict again.
        " ON CONFLICT (id) DO UPDATE SET info_hash_v1 = ?2, info_hash_v2 = ?3, name = ?4,"
        " magnet_uri = ?6, save_path = ?7, added_time = ?8, completed_time = ?9,"
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
    Statement& clear = db_.prepared("DELETE FROM torrent_tags WHERE torrent_id = ?1");
    if (!clear.bind(1, r.id).execute()) return false;
    Statement& tag = db_.prepared("INSERT OR IGNORE INTO tags (name) VALUES (?1)");
    Statement& link = db_.prepared(
        "INSERT OR IGNORE INTO torrent_tags (torrent_id, tag_id, position)"
        " SELECT ?1, id, ?3 FROM tags WHERE name = ?2");
    for (std::size_t i = 0; i < r.tags.size(); ++i) {
        if (!tag.bind(1, r.tags[i]).execute()) return false;
        if (!link.bind(1, r.id).bind(2, r.tags[i]).bind(3, static_cast<std::int64_t>(i)).execute())
            return false;
    }
    return put.resumeData.empty() || putResume(r.id, put.resumeData);
}

bool StoreWriter::apply(const PutResumeOp& put) { return putResume(put.id, put.data); }

bool StoreWriter::putResume(TorrentId id, const std::vector<char>& data) {
    // Only for a torrent still in the library: a late save must not bring a removed torrent back.
    Statement& stmt = db_.prepared(
        "INSERT INTO resume_data (torrent_id, data, updated_at) SELECT ?1, ?2, ?3"
        " WHERE EXISTS (SELECT 1 FROM torrents WHERE id = ?1)"
        " ON CONFLICT (torrent_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at");
    return stmt.bind(1, id).bind(2, data).bind(3, unixNow()).execute();
}

// Ids are never given again (Store::maxTorrentId): the largest id is the largest row's, or, once that
// row is removed, the one kept in meta here. Kept on removal rather than on every insert, where it was
// one more page of the library written per torrent-add.
bool StoreWriter::apply(const RemoveOp& remove) {
    Statement& maxId =
        db_.prepared("UPDATE meta SET value = max(CAST(value AS INTEGER), ?1) WHERE key = 'max_torrent_id'");
    if (!maxId.bind(1, remove.id).execute()) return false;
    Statement& stmt = db_.prepared("DELETE FROM torrents WHERE id = ?1");
    return stmt.bind(1, remove.id).execute();
}

bool StoreWriter::apply(const PutSettingOp& put) {
    Statement& stmt = db_.prepared(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    return stmt.bind(1, put.key).bind(2, put.value).execute();
}

bool StoreWriter::apply(const PutStatisticsOp& put) {
    const Statistics& stats = put.statistics;
    Statement& stmt = db_.prepared(
        "INSERT INTO statistics (key, value) VALUES (?1, ?2)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    return stmt.bind(1, std::string("all_time_downloaded")).bind(2, stats.allTimeDownloaded).execute() &&
           stmt.bind(1, std::string("all_time_uploaded")).bind(2, stats.allTimeUploaded).execute() &&
           stmt.bind(1, std::string("sessions_started")).bind(2, stats.sessionsStarted).execute();
}

bool StoreWriter::apply(const PutMetainfoOp& put) {
    Statement& stmt = db_.prepared("UPDATE torrents SET metainfo = ?2 WHERE id = ?1");
    return stmt.bind(1, put.id).bind(2, put.metainfo).execute();
}

bool StoreWriter::apply(const PutTrafficOp& put) {
    const TrafficUpdate& u = put.update;
    if (!apply(PutStatisticsOp{u.statistics})) return false;
    // Only the counter columns: the row's other columns (and its metainfo) are not rewritten.
    Statement& counters =
        db_.prepared("UPDATE torrents SET all_time_downloaded = ?2, all_time_uploaded = ?3 WHERE id = ?1");
    Statement& day = db_.prepared(
        "INSERT INTO traffic_daily (day, torrent_id, downloaded, uploaded) VALUES (?1, ?2, ?3, ?4)"
        " ON CONFLICT (day, torrent_id) DO UPDATE SET downloaded = downloaded + excluded.downloaded,"
        " uploaded = uploaded + excluded.uploaded");
    for (const TorrentTraffic& t : u.torrents) {
        if (!counters.bind(1, t.id).bind(2, t.allTimeDownloaded).bind(3, t.allTimeUploaded).execute())
            return false;
        if (t.downloaded == 0 && t.uploaded == 0) continue;
        if (!day.bind(1, u.day).bind(2, t.id).bind(3, t.downloaded).bind(4, t.uploaded).execute())
            return false;
    }
    if (u.downloaded == 0 && u.uploaded == 0) return true;
    return day.bind(1, u.day).bind(2, std::int64_t{0}).bind(3, u.downloaded).bind(4, u.uploaded).execute();
}

}  // namespace shoal::store
