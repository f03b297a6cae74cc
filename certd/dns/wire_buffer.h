#pragma once

// Big-endian integer writing and bounds-checked reading for DNS wire formats (RFC 1035
// §2.3.2: network byte order). Header-only helpers; pure; thread-safe.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace certd::dns {

inline void putU16(std::string& out, std::uint16_t value) {
  out.push_back(static_cast<char>(value >> 8));
  out.push_back(static_cast<char>(value & 0xFF));
}

inline void putU32(std::string& out, std::uint32_t value) {
  putU16(out, static_cast<std::uint16_t>(value >> 16));
  putU16(out, static_cast<std::uint16_t>(value & 0xFFFF));
}

// 48-bit unsigned, as TSIG's time signed (RFC 8945 §4.2).
inline void putU48(std::string& out, std::uint64_t value) {
  putU16(out, static_cast<std::uint16_t>((value >> 32) & 0xFFFF));
  putU32(out, static_cast<std::uint32_t>(value & 0xFFFFFFFF));
}

// Reads integers from `data` starting at `offset`; each read returns false (and reads
// nothing) when too few bytes remain.
class WireReader {
 public:
  WireReader(std::string_view data, std::size_t offset) : data_(data), offset_(offset) {}

  bool u16(std::uint16_t& value) {
    if (remaining() < 2) return false;
    value = static_cast<std::uint16_t>((byte(0) << 8) | byte(1));
    offset_ += 2;
    return true;
  }
  bool u32(std::uint32_t& value) {
    std::uint16_t high = 0;
    std::uint16_t low = 0;
    if (remaining() < 4) return false;
    u16(high);
    u16(low);
    value = (static_cast<std::uint32_t>(high) << 16) | low;
    return true;
  }
  bool u48(std::uint64_t& value) {
    std::uint16_t high = 0;
    std::uint32_t low = 0;
    if (remaining() < 6) return false;
    u16(high);
    u32(low);
    value = (static_cast<std::uint64_t>(high) << 32) | low;
    return true;
  }
  bool bytes(std::size_t count, std::string& value) {
    if (remaining() < count) return false;
    value.assign(data_.substr(offset_, count));
    offset_ += count;
    return true;
  }

  std::size_t offset() const { return offset_; }
  std::size_t remaining() const { return offset_ <= data_.size() ? data_.size() - offset_ : 0; }

 private:
  unsigned byte(std::size_t i) const { return static_cast<unsigned char>(data_[offset_ + i]); }

  std::string_view data_;
  std::size_t offset_;
};

}  // namespace certd::dns
