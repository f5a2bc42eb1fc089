// SIGINT/SIGTERM: the handler only records the signal; loops poll stopRequested() between waits.
#pragma once

namespace shoal::cli {

void installStopSignals();
bool stopRequested();

}  // namespace shoal::cli
