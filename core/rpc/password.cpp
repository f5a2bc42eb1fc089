// RPC passwords are stored as salted crypt(3) hashes: yescrypt from libxcrypt (libcrypt-dev, which
// libc6-dev depends on), a slow hash made for passwords, so a leaked profile does not give the password.
#include <crypt.h>

#include <cstring>
#include <memory>

#include "shoal/rpc_server.h"

namespace shoal {

Result<std::string> hashRpcPassword(const std::string& password) {
    if (password.empty()) return makeError(ErrorCode::InvalidArgument, "the RPC password is empty");
    char salt[CRYPT_GENSALT_OUTPUT_SIZE];
    // A null random source makes libxcrypt read the salt's entropy from the OS (getrandom).
    if (!crypt_gensalt_rn("$y$", 0, nullptr, 0, salt, sizeof salt))
        return makeError(ErrorCode::Internal,
                         "cannot make a password salt: " + std::string(std::strerror(errno)));
    auto data = std::make_unique<crypt_data>();
    const char* hashed = crypt_r(password.c_str(), salt, data.get());
    if (!hashed || hashed[0] == '*') return makeError(ErrorCode::Internal, "cannot hash the RPC password");
    return std::string(hashed);
}

bool verifyRpcPassword(const std::string& password, const std::string& hash) {
    if (hash.empty() || hash[0] != '$') return false;
    auto data = std::make_unique<crypt_data>();
    const char* hashed = crypt_r(password.c_str(), hash.c_str(), data.get());
    if (!hashed || hashed[0] == '*') return false;
    const std::string computed(hashed);
    if (computed.size() != hash.size()) return false;
    // Constant time over the whole string: no early exit that tells how much matched.
    unsigned char diff = 0;
    for (std::size_t i = 0; i < hash.size(); ++i) diff |= static_cast<unsigned char>(computed[i] ^ hash[i]);
    return diff == 0;
}

}  // namespace shoal
