// A fixed-size ring of rate samples (download and upload, one a second): the Speed tab's memory of the
// last minutes. Old samples are overwritten, so a long-running window never grows.
//
// Threads: any, but not shared between threads.
#pragma once

#include <cstdint>
#include <vector>

namespace shoal::gui {

class SpeedHistory {
public:
    struct Sample {
        std::int64_t msecs = 0;  // when it was taken (a monotonic clock)
        int download = 0;        // bytes/s
        int upload = 0;
    };

    explicit SpeedHistory(std::size_t capacity = 300) : samples_(capacity) {}

    void add(std::int64_t msecs, int download, int upload);
    void clear();

    std::size_t size() const { return count_; }
    std::size_t capacity() const { return samples_.size(); }
    // i = 0 is the oldest kept sample.
    const Sample& at(std::size_t i) const;
    // The highest rate (either direction) among the kept samples.
    int peak() const;

private:
    std::vector<Sample> samples_;
    std::size_t next_ = 0;   // where the next sample goes
    std::size_t count_ = 0;  // kept samples, up to capacity
};

}  // namespace shoal::gui
