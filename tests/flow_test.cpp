// The data flow the security rules stand on: constant strings, modules, wrappers, page data.
#include "analyzer/flow.h"

#include <doctest/doctest.h>

#include "analyzer/flow_resolve.h"
#include "analyzer/parsed_file.h"

using namespace mplint;

namespace {

struct Package {
  MemoryFileSystem fs;
  std::unique_ptr<Project> project;
  std::map<std::string, FileFacts> facts;

  using Files = std::map<std::string, std::string>;
  explicit Package(const Files& files) {
    fs.add("/p/app.json", R"({"pages": ["pages/a/a"]})");
    for (const auto& [path, text] : files) fs.add("/p/" + path, text);
    std::string error;
    project = Project::open(fs, "/p", {}, &error);
    REQUIRE_MESSAGE(project, error);
    for (const ProjectFile& f : project->files()) {
      auto parsed = parse_file(*project, f, ParseDepth::full);
      facts[f.path] = extract_facts(*parsed);
    }
  }
  FlowIndex index() const { return FlowIndex(*project, facts); }
  std::vector<std::string> urls(const std::string& path) const {
    std::vector<std::string> out;
    for (const NetworkCall& c : index().network_calls(path)) out.push_back(known_prefix(c.url));
    return out;
  }
  const ScriptFlow& flow(const std::string& path) const { return facts.at(path).flow; }
};

std::vector<std::string> sink_keys(const ScriptFlow& flow) {
  std::vector<std::string> out;
  for (const DataSink& s : flow.data_sinks)
    out.push_back(s.key + (s.source.kind == FlowSource::Kind::options ? ":options" : ":network") +
                  (s.starts ? "" : ":inner"));
  return out;
}

std::string show(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += "[" + s + "]";
  return out;
}

}  // namespace

TEST_CASE("flow: constant strings, templates and concatenation within a file") {
  Package p(Package::Files{{"pages/a/a.js", R"(
const HOST = 'http://api.example.com'
const PATH = '/v1'
const BASE = HOST + PATH
let other = 'http://x.com'
other = 'https://y.com'
wx.request({ url: BASE + '/list' })
wx.request({ url: `${HOST}/user?id=${id}` })
wx.request({ url: other })
wx.request({ url: getUrl() })
const opts = { url: HOST + '/o', method: 'POST' }
wx.uploadFile(opts)
)"}});
  CHECK(show(p.urls("pages/a/a.js")) ==
        show(std::vector<std::string>{"http://api.example.com/v1/list",
                                      "http://api.example.com/user?id=", "", "",
                                      "http://api.example.com/o"}));
}

TEST_CASE("flow: a name declared twice in one function is never followed") {
  Package p(Package::Files{{"pages/a/a.js", R"(
function f(dev) {
  if (dev) { const u = 'http://localhost' ; wx.request({ url: u }) }
  else { const u = 'https://prod.com'; wx.request({ url: u }) }
}
for (const u of ['http://a']) wx.request({ url: u })
)"}});
  CHECK(show(p.urls("pages/a/a.js")) == show(std::vector<std::string>{"", "", ""}));
}

TEST_CASE("flow: constants exported by a config module reach the importing file") {
  Package p(Package::Files{
      {"config.js",
       "const BASE_URL = 'http://a.com'\nmodule.exports = { BASE_URL, "
       "api: { user: BASE_URL + '/user' } }\n"},
      {"env.js", "export const HOST = 'ws://chat.com'\nexport default { cdn: 'http://cdn' }"},
      {"pages/a/a.js", R"(
const config = require('../../config')
const { BASE_URL } = require('../../config.js')
import { HOST } from '../../env'
import env from '../../env'
wx.request({ url: config.BASE_URL + '/x' })
wx.request({ url: BASE_URL })
wx.request({ url: config.api.user })
wx.connectSocket({ url: HOST })
wx.downloadFile({ url: env.cdn + '/a.png' })
wx.request({ url: config.MISSING })
)"}});
  std::vector<NetworkCall> calls = p.index().network_calls("pages/a/a.js");
  REQUIRE(calls.size() == 6);
  CHECK(known_prefix(calls[0].url) == "http://a.com/x");
  CHECK(calls[0].url.parts[0].path == "config.js");  // the finding goes to the literal
  CHECK(calls[0].url.parts[0].loc.begin.line == 1);
  CHECK(known_prefix(calls[1].url) == "http://a.com");
  CHECK(known_prefix(calls[2].url) == "http://a.com/user");
  CHECK(known_prefix(calls[3].url) == "ws://chat.com");
  CHECK(known_prefix(calls[4].url) == "http://cdn/a.png");
  CHECK(known_prefix(calls[5].url).empty());
}

TEST_CASE("flow: getApp().globalData and App methods") {
  Package p(Package::Files{
      {"app.js",
       "App({ globalData: { baseUrl: 'http://g.com' }, "
       "request(path) { return wx.request({ url: this.globalData.baseUrl + path }) } })"},
      {"pages/a/a.js", R"(
const app = getApp()
Page({ onLoad() {
  wx.request({ url: app.globalData.baseUrl + '/a' })
  wx.request({ url: getApp().globalData.baseUrl })
  app.request('/b')
} })
)"}});
  std::vector<std::string> urls = p.urls("pages/a/a.js");
  CHECK(show(urls) ==
        show(std::vector<std::string>{"http://g.com/a", "http://g.com", "http://g.com/b"}));
}

TEST_CASE("flow: request wrappers, in the file and imported, one level") {
  Package p(Package::Files{{"utils/http.js", R"(
const BASE = 'http://w.com'
function request(url, data) {
  return new Promise((resolve) => wx.request({ url: BASE + url, data, success: resolve }))
}
const post = ({ url, data }) => wx.request({ url, data, method: 'POST' })
export default { get: request, post }
export function twice(u) { return request(u) }
)"},
                           {"pages/a/a.js", R"(
import http, { twice } from '../../utils/http'
http.get('/items')
http.post({ url: 'http://other.com/p' })
twice('/deep')
function local(path) { wx.request({ url: 'https://ok.com' + path }) }
local('/here')
)"}});
  std::vector<std::string> urls = p.urls("pages/a/a.js");
  // local wrapper call, then imported get/post; `twice` is two levels deep: not followed.
  CHECK(show(urls) == show(std::vector<std::string>{"https://ok.com", "https://ok.com/here",
                                                    "http://w.com/items", "http://other.com/p"}));
  FlowIndex index = p.index();
  CHECK(index.reaches_network("pages/a/a.js", {"../../utils/http", "twice"}));
  CHECK(index.reaches_network("pages/a/a.js", {"../../utils/http", "get"}));
  CHECK_FALSE(index.reaches_network("pages/a/a.js", {"../../utils/http", "nothing"}));
}

TEST_CASE("flow: page data from onLoad options, cut by a check") {
  Package p(Package::Files{{"pages/a/a.js", R"(
Page({
  onLoad(options) {
    const url = decodeURIComponent(options.url)
    const that = this
    this.setData({ src: url, title: options.title, id: 3 })
    that.setData({ 'page.link': options.link.trim(), safe: 'https://a.com?u=' + options.u })
    if (options.checked) {}
    this.setData({ checked: options.checked })
    const other = options.other
    if (['https://x.com'].some((p) => other.startsWith(p))) this.setData({ other })
  },
  onShow() { this.setData({ src2: this.options }) },
})
)"}});
  CHECK(show(sink_keys(p.flow("pages/a/a.js"))) ==
        show(std::vector<std::string>{"src:options", "title:options", "page.link:options",
                                      "safe:options:inner"}));
}

TEST_CASE("flow: page data from network responses") {
  Package p(Package::Files{{"api.js", R"(
const request = (url) => new Promise((resolve) => wx.request({ url, success: resolve }))
export const getArticle = (id) => request('/a/' + id)
export const format = (x) => x
)"},
                           {"pages/a/a.js", R"(
import { getArticle, format } from '../../api'
Page({
  data: { html: '' },
  onLoad() {
    wx.request({ url: 'https://a.com', success: (res) => { this.setData({ html: res.data.content }) } })
    getArticle(1).then((r) => this.setData({ article: r.data }))
    format(2).then((r) => this.setData({ plain: r }))
    wx.getSystemInfo({ success: (res) => { this.setData({ height: res.windowHeight }) } })
  },
  async onShow() {
    const { data } = await getArticle(2)
    this.setData({ body: data.body, list: [data] })
  },
})
)"}});
  const ScriptFlow& flow = p.flow("pages/a/a.js");
  std::vector<std::string> keys;
  for (const DataSink& s : flow.data_sinks) {
    bool network = s.source.kind == FlowSource::Kind::network ||
                   (s.source.kind == FlowSource::Kind::call &&
                    p.index().reaches_network("pages/a/a.js", s.source.callee));
    if (network) keys.push_back(s.key);
  }
  CHECK(show(keys) == show(std::vector<std::string>{"html", "article", "body"}));
}

TEST_CASE("flow: WXML sinks and data paths") {
  CHECK(leading_data_path(" a.b[0].c + 1") == "a.b.0.c");
  CHECK(leading_data_path("list[i].x") == "list.[].x");
  CHECK(leading_data_path("'s'").empty());
  CHECK(leading_data_path("true").empty());
  CHECK(data_paths_overlap("article", "article.content"));
  CHECK(data_paths_overlap("list.[].content", "list.0.content"));
  CHECK_FALSE(data_paths_overlap("list.[].title", "list.0.content"));
  Package p(Package::Files{{"pages/a/a.wxml", R"(<web-view src="{{url}}"></web-view>
<web-view src="https://a.com/{{path}}"></web-view>
<rich-text wx:for="{{articles}}" wx:for-item="art" nodes="{{art.body}}"></rich-text>
<rich-text nodes="{{index}}" wx:for="{{xs}}"></rich-text>
<web-view src="http://static.com"></web-view>
)"}});
  const auto& sinks = p.facts.at("pages/a/a.wxml").binding_sinks;
  REQUIRE(sinks.size() == 4);
  CHECK((sinks[0].path == "url" && sinks[0].starts));
  CHECK((sinks[1].path == "path" && !sinks[1].starts));
  CHECK(sinks[2].path == "articles.[].body");
  CHECK(sinks[3].text == "http://static.com");
}

TEST_CASE("flow: this.x in class wrappers and object methods") {
  Package p(Package::Files{{"utils/http.ts", R"(
class Http {
  base = 'http://c.com'
  timeout: number
  constructor() { this.host = 'http://h.com'; this.timeout = 5 }
  get(url: string) { return wx.request({ url: this.base + url }) }
  host2() { wx.request({ url: this.host + '/x' }) }
  changing() { this.other = 'a'; this.other = 'b'; wx.request({ url: this.other }) }
}
export default new Http()
)"},
                           {"pages/a/a.js", R"(
import http from '../../utils/http'
const api = { base: 'http://o.com', go(p) { wx.request({ url: this.base + p }) } }
Page({
  data: { url: 'http://d.com' },
  onLoad() {
    http.get('/items')
    api.go('/y')
    wx.request({ url: this.data.url })
    function inner() { wx.request({ url: this.base }) }
  },
})
)"}});
  CHECK(show(p.urls("utils/http.ts")) == show({"http://c.com", "http://h.com/x", ""}));
  CHECK(show(p.urls("pages/a/a.js")) ==
        show({"http://o.com", "", "", "http://o.com/y", "http://c.com/items"}));
}
