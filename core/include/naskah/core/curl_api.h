// libcurl, opened with dlopen on the first fetch instead of linked.
//
// libcurl brings 28 more libraries (TLS, Kerberos, LDAP, SSH...) that the dynamic loader
// would map and relocate at every start of naskah, fetch or not: 18 ms, more than Poppler
// takes to read a text PDF (core/plugin.h). Only the functions naskah calls are here: the
// downloads of ingest/fetch.cc and the reminders of remind/ (e-mail and webhooks).
#pragma once

#include <curl/curl.h>

#include <string>

namespace naskah {

struct CurlApi {
  CURL* (*easy_init)();
  void (*easy_cleanup)(CURL*);
  void (*easy_reset)(CURL*);
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...);
  CURLcode (*easy_perform)(CURL*);
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...);
  const char* (*easy_strerror)(CURLcode);
  curl_slist* (*slist_append)(curl_slist*, const char*);
  void (*slist_free_all)(curl_slist*);
  CURLU* (*url)();
  void (*url_cleanup)(CURLU*);
  CURLUcode (*url_set)(CURLU*, CURLUPart, const char*, unsigned int);
  CURLUcode (*url_get)(const CURLU*, CURLUPart, char**, unsigned int);
  void (*free)(void*);
};

// libcurl, opened and globally initialised once per process (thread-safe); nullptr when
// it cannot be opened, with the reason in `why`.
[[nodiscard]] const CurlApi* curl_api(std::string* why = nullptr);

// A curl_slist (request headers, mail recipients) freed when it goes. Only once curl_api()
// has opened libcurl.
class CurlList {
 public:
  CurlList() = default;
  CurlList(const CurlList&) = delete;
  CurlList& operator=(const CurlList&) = delete;
  ~CurlList() { curl_api()->slist_free_all(list); }
  void add(const std::string& line) {
    if (curl_slist* longer = curl_api()->slist_append(list, line.c_str())) list = longer;
  }
  curl_slist* list = nullptr;
};

}  // namespace naskah
