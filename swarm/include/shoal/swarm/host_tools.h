// Small questions about this machine that the swarm lab and the test suites both ask: is a program
// installed, which TCP port is free on an address, does something accept on one, what is a file's
// SHA-256. One home, so that the lab and the tests cannot drift apart.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace shoal::swarm {

bool onPath(const std::string& program);
// A TCP port free on `ip` right now (bound to 0 and released; 0 if none could be bound). Someone else
// may take it before it is used: callers that can bind to 0 themselves should.
int freePort(const std::string& ip = "127.0.0.1");
bool tcpPortOpen(const std::string& ip, int port);
// This process's peak resident memory, and its resident anonymous memory now (RssAnon: heap and
// stacks, not mapped files: the kernel keeps no peak of it), in bytes.
std::int64_t ownPeakRss();
std::int64_t ownAnonRss();
// Lowercase hex; empty if the file cannot be read.
std::string sha256OfFile(const std::filesystem::path& file);

}  // namespace shoal::swarm
