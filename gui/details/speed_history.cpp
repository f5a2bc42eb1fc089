// The ring buffer behind the Speed tab.
#include "details/speed_history.h"

#include <algorithm>

namespace shoal::gui {

void SpeedHistory::add(std::int64_t msecs, int download, int upload) {
    if (samples_.empty()) return;
    samples_[next_] = Sample{msecs, download, upload};
    next_ = (next_ + 1) % samples_.size();
    count_ = std::min(count_ + 1, samples_.size());
}

void SpeedHistory::clear() {
    next_ = 0;
    count_ = 0;
}

const SpeedHistory::Sample& SpeedHistory::at(std::size_t i) const {
    const std::size_t oldest = (next_ + samples_.size() - count_) % samples_.size();
    return samples_[(oldest + i) % samples_.size()];
}

int SpeedHistory::peak() const {
    int most = 0;
    for (std::size_t i = 0; i < count_; ++i) most = std::max({most, at(i).download, at(i).upload});
    return most;
}

}  // namespace shoal::gui
