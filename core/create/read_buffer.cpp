// ReadBuffer: 2 MiB-aligned allocation with a huge-page hint (see read_buffer.h for the measurement).
#include "create/read_buffer.h"

#include <sys/mman.h>

#include <cstdlib>
#include <new>

namespace shoal::detail {
namespace {

constexpr std::size_t kHugePage = 2 * 1024 * 1024;

}  // namespace

ReadBuffer::ReadBuffer(std::size_t size) : size_(size) {
    // aligned_alloc wants a multiple of the alignment.
    const std::size_t rounded = (size + kHugePage - 1) / kHugePage * kHugePage;
    data_ = static_cast<char*>(std::aligned_alloc(kHugePage, rounded));
    if (data_ == nullptr) throw std::bad_alloc();
    ::madvise(data_, rounded, MADV_HUGEPAGE);  // a hint: failure just means ordinary pages
}

ReadBuffer::~ReadBuffer() { std::free(data_); }

}  // namespace shoal::detail
