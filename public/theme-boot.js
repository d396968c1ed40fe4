// Sets html[data-theme] before the first paint, so the page never flashes the other theme: the
// user's choice (src/components/theme/theme.ts stores it under this key), else the OS preference.
// A classic script in <head>: the app's CSP allows scripts from 'self', not inline ones.
(function () {
  var theme = null;
  try {
    theme = localStorage.getItem('memscope:theme');
  } catch (e) {
    theme = null;
  }
  if (theme !== 'light' && theme !== 'dark') {
    theme = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }
  document.documentElement.setAttribute('data-theme', theme);
})();
