// mcpd landing page: live search through /api/search and copy buttons. Served as its own
// file because the Content-Security-Policy forbids inline script. Corpus text is put into
// the page with textContent only, never as HTML.
'use strict';

(function () {
  const form = document.getElementById('search-form');
  const input = document.getElementById('search-input');
  const status = document.getElementById('search-status');
  const list = document.getElementById('results');
  let generation = 0; // answers to older searches are dropped

  function linkable(url) {
    return /^https?:\/\//i.test(url);
  }

  // A snippet marks matched words with "**"; each pair becomes a <strong>.
  function snippetElement(text) {
    const p = document.createElement('p');
    p.className = 'snippet';
    const parts = text.split('**');
    if (parts.length % 2 === 0) { // an unpaired "**": show the text as it is
      p.textContent = text;
      return p;
    }
    parts.forEach(function (part, i) {
      if (i % 2 === 1) {
        const strong = document.createElement('strong');
        strong.textContent = part;
        p.appendChild(strong);
      } else if (part) {
        p.appendChild(document.createTextNode(part));
      }
    });
    return p;
  }

  function resultElement(result) {
    const li = document.createElement('li');
    li.className = 'result';
    const title = document.createElement(linkable(result.url) ? 'a' : 'span');
    title.className = 'title';
    title.textContent = result.title;
    if (linkable(result.url)) title.href = result.url;
    li.appendChild(title);
    if (result.language) {
      const language = document.createElement('span');
      language.className = 'language';
      language.textContent = result.language;
      li.appendChild(document.createTextNode(' '));
      li.appendChild(language);
    }
    li.appendChild(snippetElement(result.snippet || ''));
    return li;
  }

  function show(message, results) {
    status.textContent = message;
    list.replaceChildren.apply(list, (results || []).map(resultElement));
  }

  async function search(words) {
    const mine = ++generation;
    status.textContent = 'Searching\u2026';
    try {
      const response = await fetch('/api/search?limit=10&q=' + encodeURIComponent(words),
        { headers: { Accept: 'application/json' } });
      const body = await response.json();
      if (mine !== generation) return;
      if (!response.ok) {
        show(body.error || ('search failed: HTTP ' + response.status), []);
      } else if (body.results.length === 0) {
        show('No page matches ' + words + '.', []);
      } else {
        show(body.results.length === 1 ? '1 page found.' : body.results.length + ' pages found.',
          body.results);
      }
    } catch (error) {
      if (mine === generation) show('search failed: ' + error.message, []);
    }
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    const words = input.value.trim();
    if (!words) return;
    history.replaceState(null, '', '/?q=' + encodeURIComponent(words));
    search(words);
  });

  document.querySelectorAll('div.snippet').forEach(function (box) {
    const button = box.querySelector('button.copy');
    const code = box.querySelector('code');
    button.addEventListener('click', async function () {
      try {
        await navigator.clipboard.writeText(code.textContent);
        button.textContent = 'Copied';
      } catch (error) {
        // No clipboard (plain HTTP on a remote host): select the text for Ctrl+C.
        const range = document.createRange();
        range.selectNodeContents(code);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        button.textContent = 'Press Ctrl+C';
      }
      setTimeout(function () { button.textContent = 'Copy'; }, 2000);
    });
  });
})();
