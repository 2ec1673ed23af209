#include "progress.h"

#include <cstdio>

#include <spdlog/spdlog.h>
#include <unistd.h>

namespace naskah::cli {
namespace {

constexpr int k_bar_width = 30;
constexpr auto k_log_every = std::chrono::seconds(10);
constexpr auto k_redraw_every = std::chrono::milliseconds(100);

}  // namespace

Progress::Progress(std::string label, std::size_t total, bool quiet)
    : m_label(std::move(label)),
      m_total(total),
      m_terminal(::isatty(STDERR_FILENO) == 1),
      m_quiet(quiet),
      m_started(std::chrono::steady_clock::now()),
      m_last(m_started) {}

Progress::~Progress() { finish(); }

void Progress::update(std::size_t done, const std::string& item) {
  if (m_quiet || m_total == 0) return;
  const auto now = std::chrono::steady_clock::now();
  const bool last = done >= m_total;
  if (m_terminal) {
    if (!last && m_drawn && now - m_last < k_redraw_every) return;
    const int filled = static_cast<int>(k_bar_width * done / m_total);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(k_bar_width, '.');
    std::string name = item.size() > 40 ? "…" + item.substr(item.size() - 39) : item;
    std::fprintf(stderr, "\r\033[K%s [%s] %zu/%zu %s", m_label.c_str(), bar.c_str(), done,
                 m_total, name.c_str());
    std::fflush(stderr);
    m_drawn = true;
    m_last = now;
    return;
  }
  if (!last && now - m_last < k_log_every) return;
  const double seconds = std::chrono::duration<double>(now - m_started).count();
  spdlog::info("{}: {}/{} ({:.0f}%) after {:.0f} s", m_label, done, m_total,
               100.0 * static_cast<double>(done) / static_cast<double>(m_total), seconds);
  m_last = now;
}

void Progress::finish() {
  if (m_drawn) {
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
    m_drawn = false;
  }
}

}  // namespace naskah::cli
