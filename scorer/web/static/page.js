// The page's only script: language switch, drag and drop, the size check before upload, copy and print.
(function () {
  "use strict";
  var body = document.body;
  var langField = document.getElementById("lang-field");  // the language of the comments in the Word file
  function setLang(lang) {
    body.className = "lang-" + lang;
    if (langField) { langField.value = lang; }
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    try { localStorage.setItem("scorer-lang", lang); } catch (e) { /* private mode */ }
  }
  var saved = null;
  try { saved = localStorage.getItem("scorer-lang"); } catch (e) { /* private mode */ }
  if (saved === "en" || saved === "zh") { setLang(saved); }
  document.getElementById("lang-toggle").addEventListener("click", function () {
    setLang(body.classList.contains("lang-zh") ? "en" : "zh");
  });

  var form = document.getElementById("check-form");
  var input = document.getElementById("file");
  var drop = document.getElementById("drop");
  var nameBox = document.getElementById("file-name");
  var clientError = document.getElementById("client-error");
  var limit = parseInt(form.getAttribute("data-limit"), 10);
  var previous = document.getElementById("previous");  // last year's report, optional
  function tooBig() {
    var f = input.files && input.files[0];
    var p = previous && previous.files && previous.files[0];
    return (f && f.size > limit) || (p && p.size > limit);
  }
  function showFile() {
    var f = input.files && input.files[0];
    nameBox.textContent = f ? f.name : "";
    if (tooBig()) {
      clientError.innerHTML = document.getElementById("too-big").innerHTML;
      clientError.hidden = false;
    } else {
      clientError.hidden = true;
    }
  }
  input.addEventListener("change", showFile);
  if (previous) { previous.addEventListener("change", showFile); }
  ["dragenter", "dragover"].forEach(function (ev) {
    drop.addEventListener(ev, function (e) { e.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (ev) {
    drop.addEventListener(ev, function () { drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (e) {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files.length) {
      input.files = e.dataTransfer.files;
      showFile();
    }
  });
  form.addEventListener("submit", function (e) {
    if (tooBig()) { e.preventDefault(); showFile(); }
  });

  Array.prototype.forEach.call(document.querySelectorAll("pre.template"), function (pre) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy noprint";
    button.innerHTML = '<span data-lang="zh">复制</span><span data-lang="en">Copy</span>';
    button.addEventListener("click", function () {
      if (navigator.clipboard) { navigator.clipboard.writeText(pre.textContent); }
      button.textContent = "✓";
    });
    pre.parentNode.insertBefore(button, pre);
  });
  var printLink = document.getElementById("print-link");
  if (printLink) {
    printLink.addEventListener("click", function (e) { e.preventDefault(); window.print(); });
  }
}());
