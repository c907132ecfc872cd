// Buttons marked data-print open the browser's print dialog; a file, not an inline handler, so the CSP can forbid inline script.
document.addEventListener('click', e => {
    if (e.target instanceof Element && e.target.closest('[data-print]')) {
        window.print();
    }
});
