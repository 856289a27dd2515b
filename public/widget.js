/* citas widget: <script src="https://HOST/widget.js" data-office="cali" data-service="dudas" async></script>
   Inserts the booking wizard in an iframe right after this script, sizes it to its content, and
   re-dispatches "citas:booked" / "citas:cancelled" on the iframe (they bubble; no personal data).
   Touches nothing of the host page but that one element. */
(function (script) {
  if (!script) return;
  var origin = new URL(script.src).origin;
  var query = new URLSearchParams();
  var attributes = { office: 'oficina', service: 'servicio', lang: 'idioma' };
  for (var name in attributes) {
    var value = script.getAttribute('data-' + name);
    if (value) query.set(attributes[name], value);
  }
  var frame = document.createElement('iframe');
  frame.src = origin + '/embed?' + query;
  frame.title = script.getAttribute('data-title') || 'Agendamiento de citas — Defensoría del Contribuyente y del Usuario Aduanero';
  frame.setAttribute('data-citas', '');
  frame.style.cssText = 'display:block;width:100%;height:40rem;border:0';
  script.parentNode.insertBefore(frame, script.nextSibling);
  addEventListener('message', function (event) {
    var data = event.data;
    if (event.origin !== origin || event.source !== frame.contentWindow || !data || typeof data.type !== 'string') return;
    if (data.type === 'citas:height') frame.style.height = Math.ceil(+data.height) + 'px';
    else if (data.type === 'citas:booked' || data.type === 'citas:cancelled')
      frame.dispatchEvent(new CustomEvent(data.type, { bubbles: true, detail: data.detail || {} }));
  });
})(document.currentScript);
