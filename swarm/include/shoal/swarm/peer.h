// `shoal swarm peer`: one lab peer as its own process (`shoal swarm run --processes`). The lab starts it
// with pipes on stdin and stdout and drives it with JSON lines (swarm/src/peer_protocol.h); a person
// never runs it by hand.
#pragma once

namespace shoal::swarm {

// Runs until the lab says quit, closes stdin, or SIGTERM/SIGINT arrives; the exit code: 0 after a clean
// leave, 1 if the peer could not join or the lab spoke nonsense.
int runPeerProcess();

}  // namespace shoal::swarm
