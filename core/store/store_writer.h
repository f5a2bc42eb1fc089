// The write queue of the library: every write is an operation applied by one writer thread, many to a
// transaction. Resume data for a torrent still waiting in the queue is replaced, not queued twice.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "store/sqlite_db.h"
#include "store/store.h"

namespace shoal::store {

struct PutTorrentOp { TorrentRow row; };
struct PutResumeOp {
    TorrentId id;
    std::vector<char> data;
    std::vector<std::function<void()>> onCommitted;  // kept when a newer save replaces this one
};
struct RemoveOp { TorrentId id; };
struct PutSettingOp { std::string key, value; };
struct PutStatisticsOp { Statistics statistics; };
using WriteOp = std::variant<PutTorrentOp, PutResumeOp, RemoveOp, PutSettingOp, PutStatisticsOp>;

class StoreWriter {
public:
    explicit StoreWriter(Database db);
    ~StoreWriter();  // commits what is queued (bounded), then stops

    void enqueue(WriteOp op);
    bool flush(std::chrono::milliseconds timeout);  // false if not everything committed in time
    std::string lastError();
    WriterStats stats();

private:
    void run();
    bool apply(const std::vector<WriteOp>& batch);  // one transaction
    bool applyOne(const WriteOp& op);

    Database db_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable committed_;
    std::vector<WriteOp> queue_;
    std::map<TorrentId, std::size_t> queuedResume_;  // torrent -> index of its PutResumeOp in queue_
    std::uint64_t enqueued_ = 0;   // generation of the last enqueued op
    std::uint64_t committedGen_ = 0;
    bool stopping_ = false;
    std::string lastError_;
    WriterStats stats_;
    std::thread thread_;
};

}  // namespace shoal::store
