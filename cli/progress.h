// Progress of a long job: a bar redrawn in place on a terminal, a log line every few
// seconds otherwise (journald, CI logs). Main thread only.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace naskah::cli {

class Progress {
 public:
  // `quiet` turns both off.
  Progress(std::string label, std::size_t total, bool quiet);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void update(std::size_t done, const std::string& item = {});
  // Clears the bar so a summary can follow.
  void finish();

 private:
  std::string m_label;
  std::size_t m_total;
  bool m_terminal;
  bool m_quiet;
  bool m_drawn = false;
  std::chrono::steady_clock::time_point m_started;
  std::chrono::steady_clock::time_point m_last;
};

}  // namespace naskah::cli
