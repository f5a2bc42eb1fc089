// The write queue of the library: every write is an operation applied by one writer, many to a
// transaction. Resume data for a torrent still waiting in the queue is replaced, not queued twice. The
// writer is its thread, or a caller of commit() that finds it idle: one batch at a time either way.
//
// Two kinds of write. Background writes (resume data, row updates, statistics) are retried until they
// succeed: a full disk delays them, and they land once there is room. Acknowledged writes (commit()) are
// what a user's request waits on (adding a torrent, changing settings): they are tried once with the
// next batch and their caller learns the outcome; a failed one is dropped, so that a request answered
// with an error never takes effect later.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "store/sqlite_db.h"
#include "store/store.h"

namespace shoal::store {

struct PutTorrentOp {
    TorrentRow row;
    std::vector<char> resumeData;  // a new torrent's first resume data, written with its row (if any)
};
struct PutResumeOp {
    TorrentId id;
    std::vector<char> data;
    std::vector<std::function<void()>> onCommitted;  // kept when a newer save replaces this one
};
struct RemoveOp { TorrentId id; };
struct PutSettingOp { std::string key, value; };
struct PutStatisticsOp { Statistics statistics; };
struct PutTrafficOp { TrafficUpdate update; };
struct PutMetainfoOp { TorrentId id; std::vector<char> metainfo; };
using WriteOp =
    std::variant<PutTorrentOp, PutResumeOp, RemoveOp, PutSettingOp, PutStatisticsOp, PutTrafficOp, PutMetainfoOp>;

class StoreWriter {
public:
    explicit StoreWriter(Database db);
    ~StoreWriter();  // commits what is queued (bounded), then stops

    void enqueue(WriteOp op);
    // Queues `op` and waits until the batch holding it is committed or has failed (one attempt: a
    // transaction is bounded by SQLite's busy timeout). The error is SQLite's own message.
    Result<void> commit(WriteOp op, std::chrono::milliseconds timeout);
    // True once everything queued before the call is committed. Returns false at once when an attempt
    // that covered all of it has failed, so that a full disk cannot hold a shutdown for long.
    bool flush(std::chrono::milliseconds timeout);
    std::string lastError();
    WriterStats stats();

private:
    struct Ack {
        bool done = false;
        bool abandoned = false;  // the caller stopped waiting: not applied if not yet taken
        std::string error;
    };
    struct Queued {
        WriteOp op;
        std::shared_ptr<Ack> ack;  // null for a background write
    };

    void run();
    std::string applyQueued(std::unique_lock<std::mutex>& lock);
    void push(Queued item);                                      // under mutex_
    void finishBatch(std::vector<Queued>& batch, std::uint64_t generation, const std::string& error);
    std::string apply(const std::vector<Queued>& batch);  // one transaction; "" when committed
    bool applyOne(const WriteOp& op);  // dispatched by type (std::visit) to one of these
    bool apply(const PutTorrentOp& op);
    bool apply(const PutResumeOp& op);
    bool apply(const RemoveOp& op);
    bool apply(const PutSettingOp& op);
    bool apply(const PutStatisticsOp& op);
    bool apply(const PutTrafficOp& op);
    bool apply(const PutMetainfoOp& op);
    bool putResume(TorrentId id, const std::vector<char>& data);

    Database db_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable committed_;
    std::vector<Queued> queue_;
    std::map<TorrentId, std::size_t> queuedResume_;  // torrent -> index of its PutResumeOp in queue_
    std::uint64_t enqueued_ = 0;      // generation of the last enqueued op
    std::uint64_t committedGen_ = 0;  // every op up to this generation is committed
    std::uint64_t attemptedGen_ = 0;  // ... or was in an attempt that failed
    bool stopping_ = false;
    bool busy_ = false;  // a batch is being applied (by the writer thread or a committing caller)
    std::string lastError_;
    int failedAttempts_ = 0;  // in a row; the first failure is logged, the recovery too
    WriterStats stats_;
    std::thread thread_;
};

}  // namespace shoal::store
